// Where the end-to-end FHIR gateway (nginx in front of a FHIR stub) listens: the port after the
// app's. scripts/e2e-server.ts makes its /fhir the authorization server's audience (FHIR_BASE_URL).
export const fhirGatewayPort = (appPort: number): number =>
  Number(process.env.E2E_FHIR_PORT ?? appPort + 1);

export const fhirGatewayOrigin = (appPort: number): string =>
  `http://127.0.0.1:${fhirGatewayPort(appPort)}`;
