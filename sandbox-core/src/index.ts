/**
 * sandbox-core: a deterministic simulator of OpenStack Neutron Juno DVR.
 * The whole public API, in one screen.
 */
export type { Cidr, Ipv4 } from './addr/ipv4.js';
export { formatIpv4, parseIpv4, parseCidr, formatCidr } from './addr/ipv4.js';
export { offWireReason } from './addr/wire-address.js';
export type {
  AgentMode,
  HostSpec,
  NetworkSpec,
  RouterSpec,
  Scenario,
  ScenarioError,
  VmSpec,
} from './scenario/scenario-types.js';
export type { Host, Network, Port, ResolvedScenario, Router, Vm } from './scenario/resolved-types.js';
export { scenarioSchema } from './scenario/scenario-schema.js';
export { locatePointer, parseJson } from './scenario/parse-json.js';
export { loadScenario, resolveScenario, type ResolveResult } from './scenario/resolve-scenario.js';
export { buildModel, Model } from './model/model.js';
export type {
  Bridge,
  Device,
  Flow,
  HostState,
  IpRule,
  Ipset,
  Namespace,
  NatRule,
  Route,
  Vif,
} from './model/state-types.js';
export { topology, boxIdOf, type Topology, type TopologyBox, type TopologyOptions } from './views/topology.js';
export { tracePacket } from './trace/trace-packet.js';
export { parseTraceRequest, MAX_ENDPOINT_CHARS, type ParsedTraceRequest } from './trace/parse-trace-request.js';
export { NAME_MAX_CHARS, printableText, unprintableProblem } from './scenario/name-rules.js';
export type { Hop, PacketHeaders, Trace, TraceRequest } from './trace/trace-types.js';
export { formatTrace, type TraceFormat } from './trace/format-trace.js';
export {
  renderViews,
  renderView,
  renderHostViews,
  renderBrctlShow,
  renderHostIptables,
  renderOvsVsctlShow,
  renderIpsetList,
  formatViews,
  viewsToJson,
  NAMESPACE_COMMANDS,
  ROOT_PLACE,
  ROOT_COMMANDS,
  type Views,
  type HostViews,
  type PlaceViews,
} from './views/render-views.js';
export { simulate, type SimResult } from './simulate.js';
export { examples, exampleById, type Example, type FormField, type Walk } from './examples/examples.js';
export { checkClaim, checkExpectation, type Claim, type ClaimResult, type Expectation } from './claims/check-claim.js';
export { addressBudget, type AddressBudget } from './analysis/address-budget.js';
export { compareModes, routersCrossed, type ModeComparison, type WalkCost } from './analysis/compare-modes.js';
export { configFiles, type ConfigFile } from './analysis/config-files.js';
export { troubleshootingSteps, type TroubleshootingStep } from './analysis/troubleshooting.js';
export { replayScript, replayNamespaces, type ReplayOptions } from './replay/replay-script.js';
export { runCommand, MAX_LINE_CHARS as CONSOLE_MAX_LINE_CHARS } from './console/run-command.js';
export { completions, type Completions } from './console/completions.js';
export { CONSOLE_COMMANDS, helpText as consoleHelp } from './console/help-command.js';
export type { CommandResult } from './console/console-types.js';
