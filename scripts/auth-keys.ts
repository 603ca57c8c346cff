// npm run --silent auth:keys — fresh key material for the embedded authorization server, as
// environment lines for production (every instance must get the same values). Keep the output
// secret; AUTH_JWKS holds private keys.
import {
  generateCookieKeys,
  generateRegistrationToken,
  generateSigningJwks,
} from "../lib/authserver/keys";

const jwks = await generateSigningJwks();
console.log(`AUTH_REGISTRATION_TOKEN=${generateRegistrationToken()}`);
console.log(`AUTH_COOKIE_KEYS=${generateCookieKeys()}`);
console.log(`AUTH_ENCRYPTION_KEY=${generateCookieKeys()}`);
console.log(`AUTH_JWKS='${JSON.stringify(jwks)}'`);
