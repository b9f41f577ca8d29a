/** Independent random streams derived from the run's one seed (util/seeds.ts's subSeed(seed, STREAM.…, …)). */
export const STREAM = { validation: 1, shuffle: 2, dropout: 3 } as const;

