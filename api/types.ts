import type { Role } from "../core/access.ts";

export type { Role };

/** The person behind a console request, from the verified JWT. */
export interface AuthUser {
  id: string;
  tenantId: string;
  role: Role;
  isPlatformAdmin: boolean;
}

/** The sender behind an ingestion request, from its API key. */
export interface AuthPartner {
  partnerId: string | null;
  apiKeyId: string;
  tenantId: string;
  region: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
      partner?: AuthPartner;
    }
  }
}
