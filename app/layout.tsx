import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Scopewarden", template: "%s · Scopewarden" },
  description: "Register SMART on FHIR apps, approve their scopes and review access.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
