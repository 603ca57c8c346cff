// The embedded authorization server's initial access token in end-to-end runs (scripts/e2e-server.ts
// sets it), so specs can register clients the way the portal does.
export const E2E_REGISTRATION_TOKEN = "swreg_e2e-only-registration-token-0123456789";
