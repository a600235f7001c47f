import { z } from 'zod';
import { PageQuery } from '../http/pagination.ts';

export {
  CreateServiceClientBody,
  CreatedServiceClient,
  ServiceAuditEventBody,
  ServiceAuditEventView,
  ServiceClientPage,
  ServiceClientView,
} from '../contract/service-clients.ts';

export const ServiceClientParams = z.object({ id: z.uuid() });

export const ListServiceClientsQuery = PageQuery.strict();
export type ListServiceClientsQuery = z.infer<typeof ListServiceClientsQuery>;
