// Validates Kubernetes manifests against the OpenAPI schema of the API
// (types, required fields, enumerated values, integer formats), offline,
// with the validators kubernetes-models compiles from that schema:
//   node validate.mjs FILE.yaml...
// Prints one line per problem and exits 1 if there is any. Unknown fields
// are not in this schema's reach (it allows extra properties); the Go test
// beside it refuses them by decoding strictly into the k8s.io/api types.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

let problems = 0;
const report = (where, message) => {
  console.log(`${where}: ${message}`);
  problems++;
};

for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"), { uniqueKeys: true });
  for (const [i, doc] of docs.entries()) {
    const where = `${file}: document ${i + 1}`;
    if (doc.errors.length > 0) {
      for (const e of doc.errors) report(where, e.message);
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || typeof obj !== "object") continue;
    const { apiVersion, kind } = obj;
    if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z0-9.\/]+$/.test(apiVersion + kind)) {
      report(where, "no apiVersion and kind");
      continue;
    }
    let Model;
    try {
      // Core types live under v1/, the others under GROUP/VERSION/.
      ({ [kind]: Model } = await import(`kubernetes-models/${apiVersion}/${kind}`));
    } catch {
      report(where, `no schema for apiVersion ${apiVersion} kind ${kind}`);
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (e) {
      report(where, `${kind}: ${e.message}`);
    }
  }
}
process.exit(problems > 0 ? 1 : 0);
