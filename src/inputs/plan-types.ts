/*
 * The parts of Terraform/OpenTofu plan JSON (`show -json`) that vpcgate reads, as loose types.
 * Input: nothing (types only). Output: Plan, the checked document handed from parsePlan to
 * extractFunctions. Unknown keys are ignored, as the format's compatibility rules ask.
 */

/** JsonObject is any parsed JSON object. */
export type JsonObject = { readonly [k: string]: unknown };

/** ResourceChange is one entry of `resource_changes`. */
export interface ResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly mode?: string;
  readonly type: string;
  readonly name?: string;
  readonly index?: string | number;
  readonly deposed?: string;
  readonly provider_name?: string;
  readonly change: Change;
  readonly action_reason?: string;
}

/** Change is `resource_changes[].change`. */
export interface Change {
  readonly actions: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
  readonly after_unknown?: unknown;
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
  readonly replace_paths?: unknown;
}

/** StateResource is a resource in a values representation (prior_state / planned_values). */
export interface StateResource {
  readonly address: string;
  readonly mode?: string;
  readonly type: string;
  readonly name?: string;
  readonly index?: string | number;
  readonly values?: JsonObject;
}

/** StateModule is `root_module` or one of its `child_modules`. */
export interface StateModule {
  readonly address?: string;
  readonly resources?: readonly StateResource[];
  readonly child_modules?: readonly StateModule[];
}

/** Expression is a configuration expression: a constant or a list of references. */
export interface Expression {
  readonly constant_value?: unknown;
  readonly references?: readonly string[];
}

/** ConfigResource is a resource in `configuration` (address relative to its module). */
export interface ConfigResource {
  readonly address: string;
  readonly mode?: string;
  readonly type: string;
  readonly name: string;
  readonly provider_config_key?: string;
  readonly expressions?: JsonObject;
  readonly count_expression?: Expression;
  readonly for_each_expression?: Expression;
}

/** ConfigModule is `configuration.root_module` or a `module_calls.<name>.module`. */
export interface ConfigModule {
  readonly resources?: readonly ConfigResource[];
  readonly module_calls?: { readonly [name: string]: ModuleCall };
}

/** ModuleCall is `module_calls.<name>`. */
export interface ModuleCall {
  readonly source?: string;
  readonly expressions?: JsonObject;
  readonly module?: ConfigModule;
  readonly count_expression?: Expression;
  readonly for_each_expression?: Expression;
}

/** ProviderConfig is `configuration.provider_config.<key>`. */
export interface ProviderConfig {
  readonly name?: string;
  readonly full_name?: string;
  readonly alias?: string;
  readonly module_address?: string;
  readonly expressions?: JsonObject;
}

/** Plan is a checked plan document. */
export interface Plan {
  readonly path: string;
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  readonly resourceChanges: readonly ResourceChange[];
  readonly priorState?: StateModule;
  readonly plannedValues?: StateModule;
  readonly configuration?: {
    readonly provider_config?: { readonly [key: string]: ProviderConfig };
    readonly root_module?: ConfigModule;
  };
  readonly variables?: { readonly [name: string]: { readonly value?: unknown } };
  /** rawNumbers maps a JSON path (joined by "\u0000") in a Lambda change to the exact text of an integer beyond 2^53. */
  readonly rawNumbers?: ReadonlyMap<string, string>;
  /**
   * fullChange, when present, returns the complete entry of resource_changes[index] for a Lambda
   * change whose entry in resourceChanges is only a stub (the fast reader parses each one when it
   * is extracted, so a single Lambda change is materialised at a time).
   */
  readonly fullChange?: (index: number) => ResourceChange | undefined;
}
