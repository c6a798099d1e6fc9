import { handleAuth } from "@/lib/auth/auth-route";
import { db } from "@/lib/db/client";
import { route } from "@/lib/http/respond";

// better-auth's endpoints (sign-in, sign-out, session), audited in handleAuth; errors through the one boundary.
const handler = route((req: Request) => handleAuth(db(), req));
export { handler as GET, handler as POST };
