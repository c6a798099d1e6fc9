import { AppError } from "@/lib/errors/app-error";
import { route } from "@/lib/http/respond";

// Any /api path no route claims: the documented { error } body, never Next's HTML 404 page.
const unknownPath = route(async (req) => {
  throw new AppError("NOT_FOUND", `no API route at ${new URL(req.url).pathname}`);
});

export { unknownPath as GET, unknownPath as POST, unknownPath as PUT, unknownPath as PATCH, unknownPath as DELETE };
