// The layers cnn-grade adds to tfjs, for students' code (`import { LRN } from 'cnn-grade/layers'`)
// and the references.

export { LRN, type LRNArgs } from './lrn';
