import { z } from "zod";
import { isStorableText } from "../validation";
import { passwordProblem } from "./rules";

export const ZEmail = z
  .string({ error: "Enter your e-mail address." })
  .trim()
  .min(1, "Enter your e-mail address.")
  .max(254, "That e-mail address is too long.")
  .pipe(z.email("Enter a valid e-mail address, like name@company.com."))
  .transform((s) => s.toLowerCase());

export const ZPersonName = z
  .string({ error: "Enter your name." })
  .trim()
  .min(1, "Enter your name.")
  .max(100, "Use at most 100 characters.");

export const ZOrganizationName = z
  .string({ error: "Enter your organisation's name." })
  .trim()
  .min(2, "Enter your organisation's name (at least 2 characters).")
  .max(100, "Use at most 100 characters.");

const ZPassword = z.string({ error: "Choose a password." }).max(128, "Use at most 128 characters.");

/** A new password, checked against the person's own e-mail and name. */
function withStrongPassword<
  S extends z.ZodType<{ email: string; password: string; name?: string }>,
>(schema: S) {
  return schema.superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, { email: value.email, name: value.name });
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
}

export const ZSignUp = withStrongPassword(
  z.object({
    organizationName: ZOrganizationName,
    name: ZPersonName,
    email: ZEmail,
    password: ZPassword,
  }),
);
export type TSignUp = z.infer<typeof ZSignUp>;

export const ZSignIn = z.object({
  email: z.string().trim().toLowerCase().max(254).refine(isStorableText),
  password: z.string().max(1024),
});

export const ZStaffRole = z.enum(["admin", "reviewer"], {
  error: "Role must be admin or reviewer.",
});

export const ZCreateStaffUser = withStrongPassword(
  z.object({ email: ZEmail, name: ZPersonName, password: ZPassword, role: ZStaffRole }),
);

export const ZInvitation = z.object({
  email: ZEmail,
  role: z.enum(["partner", "admin", "reviewer"]),
});

/** What the person accepting types; the e-mail comes from the invitation. */
export const ZAcceptInvitationForm = z.object({
  token: z.string().trim().min(20, "This invitation link is incomplete.").max(200),
  name: ZPersonName,
  password: ZPassword,
});

export const ZAcceptInvitation = ZAcceptInvitationForm.extend({ email: z.string() }).superRefine(
  (value, ctx) => {
    const problem = passwordProblem(value.password, { email: value.email, name: value.name });
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  },
);

const ZNewPassword = z
  .string({ error: "Choose a new password." })
  .max(128, "Use at most 128 characters.");

export const ZChangePassword = z.object({
  currentPassword: z.string({ error: "Enter your current password." }).max(1024),
  newPassword: ZNewPassword,
});

/** The strength check needs the person's e-mail and name, so it runs in the use case. */
export function newPasswordIssues(password: string, person: { email: string; name: string }) {
  const problem = passwordProblem(password, person);
  return problem ? { newPassword: [problem] } : null;
}

export const ZForgotPassword = z.object({ email: ZEmail });

/** What the person resetting types; the strength check against their e-mail runs in the use case. */
export const ZResetPassword = z.object({
  token: z.string().trim().min(20, "This link is incomplete.").max(200, "This link is not valid."),
  password: ZNewPassword,
});
