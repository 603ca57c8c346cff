import { consentItems, type ConsentAudience, type ParsedScope } from "@/lib/scopes";

/**
 * What a person is asked to allow, in plain words, grouped (read, write, identity, …): the
 * portal's consent preview and the authorization server's consent page show the same list.
 */
export function ConsentGroups({
  scopes,
  audience,
  empty = "Nothing yet: add scopes to see what would be asked.",
}: {
  scopes: ParsedScope[];
  audience: ConsentAudience;
  empty?: string;
}) {
  const groups = consentItems(
    scopes.filter((s) => s.valid),
    audience,
  );
  if (groups.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <div className="space-y-3">
      {groups.map((group) => (
        <section key={group.id}>
          <h3 className="text-sm font-semibold text-slate-800">{group.heading}</h3>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
            {group.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
