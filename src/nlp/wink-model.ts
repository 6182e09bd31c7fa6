// The wink English model, patched so that more than one winkNLP instance can live in a process.
// wink-eng-lite-web-model's metaCER() re-stringifies its module-level machine on every call, so the
// second instance gets a doubly-encoded meta model and custom-entity patterns then fail to compile
// (TypeError in automaton.recognize) or the string grows until "Invalid string length".
// Every module must import the model from here, never from the package directly.
import model from 'wink-eng-lite-web-model';

interface MetaCer {
  machines: unknown;
  transformers: unknown[];
}
const patchable = model as unknown as { metaCER: () => MetaCer; __rapportPatched?: boolean };

if (!patchable.__rapportPatched) {
  const original = patchable.metaCER.bind(model);
  let cached: MetaCer | undefined;
  patchable.metaCER = () => {
    if (!cached) {
      const r = original();
      let machines = r.machines;
      // unwrap any extra JSON encoding left by earlier calls
      while (typeof machines === 'string' && machines.startsWith('"')) machines = JSON.parse(machines) as unknown;
      cached = { ...r, machines };
    }
    return cached;
  };
  patchable.__rapportPatched = true;
}

export default model;
