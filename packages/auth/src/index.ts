export { createAuth } from './auth';
export type { Auth, AuthOptions } from './auth';
export type { RequestMeta, SessionPolicy } from './auth-context';
export { requirePermission } from './require-permission';
export { invalidCredentialsMessage } from './sign-in';
export { hashPassword } from './password';
export { requireDefinitionAccess } from './require-definition-access';
