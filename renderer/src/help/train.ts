/**
 * Tooltip texts of the Train screen, one per field. The attention terms follow Ismail et al.
 * 2019, "Input-Cell Attention Reduces Vanishing Saliency of Recurrent Neural Networks".
 */
export const TRAIN_HELP = {
  dataset: 'The dataset the model learns from: windows of region time series with their class, split by subject into train, validation and test.',
  cell: 'The recurrent cell that reads the window one time step at a time. LSTM and GRU have gates that keep information over many steps; the plain RNN is the simplest and forgets fastest.',
  attention: 'Input-cell attention (Ismail et al. 2019): at each time step t, an attention MLP weighs all inputs x_1…x_t seen so far, and the cell receives their weighted sum M_t instead of x_t alone. It keeps early time steps visible to the saliency maps. "none": the cell sees x_t only.',
  variant: 'How the attention matrix M_t (r hops × N regions) enters the cell. "mean": M_t averaged over the r hops, N inputs per step (what the official code does). "matrix": M_t flattened, r·N inputs per step (as the paper writes it; more weights).',
  hidden: 'Hidden size: the number of units of the recurrent cell, i.e. how much the model can remember about the window. Larger learns more and overfits sooner.',
  attentionDim: 'd_a: the width of the attention MLP, the hidden layer that scores each input (W1 is d_a × N, W2 is r × d_a).',
  hops: 'r: the number of attention hops, the rows of the attention matrix: each hop is its own weighting of the time steps seen so far.',
  inputDropout: 'Input dropout: the fraction of input values set to zero at random during training (before the attention), so the model does not lean on a few regions. 0 turns it off; it must be below 1.',
  hiddenDropout: 'Hidden dropout: the fraction of the last hidden state set to zero at random during training, before the classifier layer. 0 turns it off; it must be below 1.',
  epochs: 'Epochs: the most passes over the training windows. Early stopping may end training sooner.',
  batchSize: 'Batch: the number of windows per weight update. Larger batches are faster per epoch and give smoother, fewer updates.',
  learningRate: 'Learning rate of the Adam optimizer: the step size of each update. Too large makes the loss jump; too small learns slowly.',
  patience: 'Patience: early stopping ends training after this many epochs in a row without a better monitored score; the weights of the best epoch are kept. 0 stops at the first epoch without improvement.',
  monitor: 'Monitor: the validation score that picks the best epoch and drives early stopping. val_loss: the lowest validation loss; val_accuracy: the highest validation accuracy.',
  runName: 'The run\'s name: its folder under runs/ in the workspace. Letters, digits, ".", "_" and "-".',
  backend: 'Where the arithmetic runs. auto times one training step of this model on each backend that works here and uses the fastest (the timing is kept per machine, model shape and package versions, so it runs once): node-gpu (TensorFlow with CUDA), webgpu (any GPU through WebGPU), node (native TensorFlow on the CPU), wasm (WebAssembly), cpu (plain JavaScript). The recurrence itself runs in SIMD WebAssembly on every core under cpu and wasm.',
} as const;
