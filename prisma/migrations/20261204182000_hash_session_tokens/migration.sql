-- Session tokens are stored as the hex sha256 of the token the cookie carries (server/auth/session-tokens.ts).
-- Existing sessions keep working: their stored tokens are hashed in place.
UPDATE "sessions" SET "token" = encode(sha256(convert_to("token", 'UTF8')), 'hex');
