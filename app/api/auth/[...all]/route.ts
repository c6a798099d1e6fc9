import { handleAuth } from "@/lib/auth/auth-route";
import { db } from "@/lib/db/client";

// better-auth's endpoints (sign-in, sign-out, session), audited in handleAuth.
export const GET = (req: Request) => handleAuth(db(), req);
export const POST = (req: Request) => handleAuth(db(), req);
