// The arguments every reference builder takes, as the student contract has them.

export interface ReferenceOptions {
  inputShape?: number[];
  numClasses?: number;
}
