/** Types of large-scenario.mjs, for the e2e spec that opens the generated cloud as a share link. */
export declare function largeScenario(options?: { computes?: number; vms?: number; nets?: number }): {
  text: string;
  request: { from: string; to: string; proto: 'icmp' };
};
