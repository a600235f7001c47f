import { Editor } from './editor/Editor';
import { HealthIndicator } from './health/HealthIndicator';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Easel</h1>
        <HealthIndicator />
      </header>
      <Editor />
    </div>
  );
}
