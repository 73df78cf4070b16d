// Requests through Netlify's own redirect engine, for tests/test_netlify.py.
//
//   node tests/netlify_engine.mjs NETLIFY_TOML SITE_DIR < requests.json > responses.json
//
// requests.json: [{"path": "/", "headers": {"accept-language": "de"}}, ...]. Each answer says
// what Netlify's local engine (the one `netlify dev` runs) does with the request against the
// built site: @netlify/redirect-parser reads netlify.toml, netlify-redirector (Netlify's
// matcher, compiled to WebAssembly) picks the rule, @netlify/redirects applies it, and
// @netlify/static finds the files, chained the way @netlify/dev chains them: a matching rule
// first, but an existing file shadows a rule that is not forced.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { parseAllRedirects } from "@netlify/redirect-parser";
import { RedirectsHandler } from "@netlify/redirects";
import { StaticHandler } from "@netlify/static";

const [configPath, siteDir] = process.argv.slice(2).map((p) => path.resolve(p));
const ORIGIN = "https://udsyn.example";

// The handler only logs syntax errors; a test must fail on them instead.
const { errors } = await parseAllRedirects({ netlifyConfigPath: configPath, minimal: false });
if (errors.length) {
  console.error(errors.map((e) => e.message).join("\n"));
  process.exit(2);
}

const redirects = new RedirectsHandler({
  configPath,
  configRedirects: [],
  jwtRoleClaim: "",
  jwtSecret: "",
  projectDir: os.tmpdir(), // no _redirects file there: netlify.toml is the only source
  publicDir: siteDir,
});
const files = new StaticHandler({ directory: siteDir });

async function serve(request) {
  let file = null; // the URL whose file was served: the request's own, or a rule's target
  const lookUp = async (wanted) => {
    const found = await files.match(wanted);
    return found && (() => ((file = new URL(wanted.url).pathname), found.handle()));
  };
  const match = await redirects.match(request);
  if (match) {
    const response = await redirects.handle(request, match, lookUp);
    if (response) return { response, rule: match, file };
  }
  const own = await lookUp(request);
  return { response: own ? await own() : new Response("", { status: 404 }), rule: null, file };
}

const requests = JSON.parse(readFileSync(0, "utf8"));
const answers = [];
for (const { path: urlPath, headers = {} } of requests) {
  const { response, rule, file } = await serve(new Request(ORIGIN + urlPath, { headers }));
  const location = response.headers.get("location");
  answers.push({
    status: response.status,
    location: location && new URL(location, ORIGIN).pathname,
    file,
    body: file ? await response.text() : "",
    // The rule that matched, if any (a file of the request's own may have shadowed it: see
    // file). For a rewrite (the 404 pages) Netlify answers with the rule's status, which the
    // local engine leaves to its caller.
    rule: rule && { status: rule.statusCode, to: rule.targetRelative, force: rule.force },
  });
}
process.stdout.write(JSON.stringify(answers));
