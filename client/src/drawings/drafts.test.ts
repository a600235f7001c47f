import { describe, expect, it } from 'vitest';
import { createShape } from '../editor/shapes';
import { createLocalDraftStore, type Draft } from './drafts';

const draft: Draft = {
  version: 4,
  savedAt: '2026-11-30T00:00:00.000Z',
  added: [createShape('rect', { id: 'a' })],
  changed: [],
  removed: ['b'],
};

describe('drafts in localStorage', () => {
  it('keeps one draft per drawing, shapes only, and removes it', () => {
    const drafts = createLocalDraftStore(localStorage);
    drafts.write('d1', draft);
    expect(drafts.read('d1')).toEqual(draft);
    expect(drafts.read('d2')).toBeNull();
    expect(Object.keys(JSON.parse(localStorage.getItem('easel:draft:d1')!)).sort()).toEqual([
      'added',
      'changed',
      'removed',
      'savedAt',
      'version',
    ]);
    drafts.remove('d1');
    expect(localStorage.getItem('easel:draft:d1')).toBeNull();
  });

  it('reads a damaged or foreign entry as no draft', () => {
    const drafts = createLocalDraftStore(localStorage);
    localStorage.setItem('easel:draft:d1', '{not json');
    expect(drafts.read('d1')).toBeNull();
    localStorage.setItem('easel:draft:d1', JSON.stringify({ ...draft, removed: ['no spaces allowed'] }));
    expect(drafts.read('d1')).toBeNull();
  });

  it('loses only the draft when storage is full, never throws into the editor', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as Storage;
    const drafts = createLocalDraftStore(full);
    expect(() => drafts.write('d1', draft)).not.toThrow();
    expect(() => drafts.remove('d1')).not.toThrow();
  });
});
