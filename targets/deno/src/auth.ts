// Bearer-token verification with jose: HS256 pinned, exp required, 5 s leeway, every request in full.
import { jwtVerify, type JWTPayload } from "jose";
import { HttpError } from "./http.ts";

export type TokenVerifier = (request: Request) => Promise<JWTPayload>;

export async function tokenVerifier(secret: string): Promise<TokenVerifier> {
  // The key is imported once (as Go parses its key once); every token's signature is still checked.
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  return async (request) => {
    const header = request.headers.get("authorization") ?? "";
    // The scheme is case-insensitive (RFC 9110).
    if (header.length < 8 || header.slice(0, 7).toLowerCase() !== "bearer ") throw new HttpError(401, "missing bearer token");
    try {
      const { payload } = await jwtVerify(header.slice(7), key, {
        algorithms: ["HS256"], // pinned: none, HS384, RS256... are refused whatever the signature
        requiredClaims: ["exp"], // jose checks exp only when present, so require it; nbf is checked when present
        clockTolerance: 5, // seconds: the contract's maximum
      });
      return payload;
    } catch (err) {
      throw new HttpError(401, `invalid token: ${(err as Error).message}`);
    }
  };
}
