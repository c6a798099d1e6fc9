import { handleAuth } from "@/lib/auth/auth-route";

// better-auth's endpoints (sign-in, sign-out, session), audited in handleAuth.
export const GET = handleAuth;
export const POST = handleAuth;
