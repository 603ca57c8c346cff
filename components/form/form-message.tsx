import { cn } from "../ui/cn";

/** The form-level outcome of a server action, announced to screen readers. */
export function FormMessage({
  status,
  message,
}: {
  status?: "idle" | "success" | "error";
  message?: string;
}) {
  if (!message || status === "idle") return null;
  const isError = status === "error";
  return (
    <div
      role={isError ? "alert" : "status"}
      className={cn(
        "rounded-md px-3 py-2 text-sm ring-1 ring-inset",
        isError
          ? "bg-red-50 text-red-800 ring-red-200"
          : "bg-emerald-50 text-emerald-800 ring-emerald-200",
      )}
    >
      {message}
    </div>
  );
}
