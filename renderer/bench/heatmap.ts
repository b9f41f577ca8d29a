// Placeholder: the heatmap bench page (owned by its helper).
export {};
