import type { ReactNode } from "react";

/**
 * Name/value pairs (headers, query, form fields, part headers) as received: order, case, duplicates.
 * `show` may render a value in a richer form (null keeps it as text).
 */
export function PairsTable({ pairs, testId, show }: { pairs: [string, string][]; testId?: string; show?: (value: string) => ReactNode | null }) {
  return (
    <table className="w-full table-fixed border-collapse font-mono text-[13px]" data-testid={testId}>
      <tbody>
        {pairs.map(([name, value], i) => (
          <tr key={i} className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800/70">
            <th scope="row" className="w-1/3 py-1 pr-3 text-left font-medium break-all text-slate-600 dark:text-slate-400">
              {name}
            </th>
            {/* The placeholder for an empty value is CSS, so the cell's text stays exactly the value. */}
            <td className="min-w-0 py-1 break-all whitespace-pre-wrap empty:before:text-slate-400 empty:before:italic empty:before:content-['(empty)']">{show?.(value) ?? value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
