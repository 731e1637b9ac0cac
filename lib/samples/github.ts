import type { Sample } from "../schemas/sample.ts";
import { json, randomDigits, randomHex, unixNow, uuid } from "./fresh.ts";

/** GitHub repository webhooks, as GitHub documents their headers and payloads ("Webhook events and payloads"). */

const repository = (now: Date) => ({
  id: 712948362,
  node_id: "R_kgDOKn6i6g",
  name: "storefront",
  full_name: "acme/storefront",
  private: false,
  owner: { login: "acme", id: 9919, node_id: "O_kgDOAAAmxw", type: "Organization", html_url: "https://github.com/acme" },
  html_url: "https://github.com/acme/storefront",
  url: "https://api.github.com/repos/acme/storefront",
  default_branch: "main",
  pushed_at: unixNow(now),
  visibility: "public",
});

const sender = { login: "octocat", id: 583231, node_id: "MDQ6VXNlcjU4MzIzMQ==", type: "User", html_url: "https://github.com/octocat" };

function headers(event: string): [string, string][] {
  return [
    ["Accept", "*/*"],
    ["Content-Type", "application/json"],
    ["User-Agent", "GitHub-Hookshot/9f3e2a1"],
    ["X-GitHub-Delivery", uuid()],
    ["X-GitHub-Event", event],
    ["X-GitHub-Hook-ID", "482716390"],
    ["X-GitHub-Hook-Installation-Target-ID", "712948362"],
    ["X-GitHub-Hook-Installation-Target-Type", "repository"],
  ];
}

export function githubSamples(now: Date): Sample[] {
  const before = randomHex(40);
  const after = randomHex(40);
  const commit = {
    id: after,
    tree_id: randomHex(40),
    distinct: true,
    message: "Fix the cart total when a coupon is removed",
    timestamp: now.toISOString(),
    url: `https://github.com/acme/storefront/commit/${after}`,
    author: { name: "The Octocat", email: "octocat@github.com", username: "octocat" },
    committer: { name: "GitHub", email: "noreply@github.com", username: "web-flow" },
    added: [],
    removed: [],
    modified: ["src/cart/total.ts"],
  };
  const number = Number(randomDigits(3)) + 1;
  return [
    {
      id: "github.push",
      provider: "GitHub",
      event: "push",
      description: "One commit pushed to main",
      method: "POST",
      path: "/github",
      headers: headers("push"),
      body: json({
        ref: "refs/heads/main",
        before,
        after,
        repository: repository(now),
        pusher: { name: "octocat", email: "octocat@github.com" },
        sender,
        created: false,
        deleted: false,
        forced: false,
        base_ref: null,
        compare: `https://github.com/acme/storefront/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
        commits: [commit],
        head_commit: commit,
      }),
      scheme: "github",
    },
    {
      id: "github.pull_request.opened",
      provider: "GitHub",
      event: "pull_request (opened)",
      description: "A pull request opened against main",
      method: "POST",
      path: "/github",
      headers: headers("pull_request"),
      body: json({
        action: "opened",
        number,
        pull_request: {
          url: `https://api.github.com/repos/acme/storefront/pulls/${number}`,
          id: Number(randomDigits(10)),
          html_url: `https://github.com/acme/storefront/pull/${number}`,
          number,
          state: "open",
          locked: false,
          title: "Show the delivery estimate on the cart page",
          user: sender,
          body: "Adds the estimate under the total.",
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
          draft: false,
          head: { label: "octocat:delivery-estimate", ref: "delivery-estimate", sha: after },
          base: { label: "acme:main", ref: "main", sha: before },
          merged: false,
          commits: 1,
          additions: 42,
          deletions: 3,
          changed_files: 2,
        },
        repository: repository(now),
        sender,
      }),
      scheme: "github",
    },
  ];
}
