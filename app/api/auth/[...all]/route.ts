import { handleAuth } from "@/lib/auth/auth-route";
import { route } from "@/lib/http/respond";

// better-auth's endpoints (sign-in, sign-out, session), audited in handleAuth. Through the one
// error boundary like every other route: a lost database answers 503, not Next's bare 500.
export const GET = route(handleAuth);
export const POST = route(handleAuth);
