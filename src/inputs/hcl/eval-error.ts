/*
 * EvalError: an HCL expression that Terraform itself would reject (wrong type, missing key).
 * Thrown inside the evaluator only; `try`/`can` catch it, and attribute evaluation turns it into
 * an unknown value plus an hcl_eval_error warning.
 */

/** EvalError is an evaluation failure inside the HCL evaluator. */
export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalError";
  }
}
