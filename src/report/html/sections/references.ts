/** The works a report may cite, by key. */
export const REFERENCES = {
  ismail2019: 'Ismail AA, Gunady M, Pessoa L, Corrada Bravo H, Feizi S. Input-Cell Attention Reduces Vanishing Saliency of Recurrent Neural Networks. Advances in Neural Information Processing Systems 32 (NeurIPS 2019).',
  ismail2020: 'Ismail AA, Gunady M, Corrada Bravo H, Feizi S. Benchmarking Deep Learning Interpretability in Time Series Predictions. Advances in Neural Information Processing Systems 33 (NeurIPS 2020).',
  simonyan2014: 'Simonyan K, Vedaldi A, Zisserman A. Deep Inside Convolutional Networks: Visualising Image Classification Models and Saliency Maps. ICLR Workshop 2014; arXiv:1312.6034.',
  shrikumar2016: 'Shrikumar A, Greenside P, Shcherbina A, Kundaje A. Not Just a Black Box: Learning Important Features Through Propagating Activation Differences. arXiv:1605.01713, 2016.',
  sundararajan2017: 'Sundararajan M, Taly A, Yan Q. Axiomatic Attribution for Deep Networks. Proceedings of the 34th International Conference on Machine Learning (ICML 2017), PMLR 70:3319–3328.',
  smilkov2017: 'Smilkov D, Thorat N, Kim B, Viégas F, Wattenberg M. SmoothGrad: removing noise by adding noise. arXiv:1706.03825, 2017.',
  zeiler2014: 'Zeiler MD, Fergus R. Visualizing and Understanding Convolutional Networks. European Conference on Computer Vision (ECCV 2014), 818–833.',
  aal: 'Tzourio-Mazoyer N, Landeau B, Papathanassiou D, Crivello F, Etard O, Delcroix N, Mazoyer B, Joliot M. Automated anatomical labeling of activations in SPM using a macroscopic anatomical parcellation of the MNI MRI single-subject brain. NeuroImage 15(1):273–289, 2002.',
  aicha: 'Joliot M, Jobard G, Naveau M, Delcroix N, Petit L, Zago L, Crivello F, Mellet E, Mazoyer B, Tzourio-Mazoyer N. AICHA: An atlas of intrinsic connectivity of homotopic areas. Journal of Neuroscience Methods 254:46–59, 2015.',
  colin27: 'Holmes CJ, Hoge R, Collins L, Woods R, Toga AW, Evans AC. Enhancement of MR images using registration for signal averaging. Journal of Computer Assisted Tomography 22(2):324–333, 1998.',
} as const;

export type ReferenceKey = keyof typeof REFERENCES;

/** Numbers references in order of first citation, so the text can say [1], [2]… */
export class Citations {
  private readonly order: ReferenceKey[] = [];

  /** The bracketed number of `key`, adding it to the list on first use. */
  cite(...keys: ReferenceKey[]): string {
    const numbers = keys.map((key) => {
      if (!this.order.includes(key)) this.order.push(key);
      return this.order.indexOf(key) + 1;
    });
    return `[${numbers.join(', ')}]`;
  }

  /** The cited works, in citation order. */
  list(): string[] {
    return this.order.map((key) => REFERENCES[key]);
  }
}
