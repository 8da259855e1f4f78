// What each data set a rubric can name holds, known without reading it: so a rubric whose
// model cannot take the data is refused when it is loaded, not halfway through a class.

export const DATASET_SHAPES: Record<string, { imageShape: [number, number, number]; numClasses: number }> = {
  // LeCun's MNIST: 28x28 grey digits, 10 classes.
  mnist: { imageShape: [28, 28, 1], numClasses: 10 },
};
