// Placeholder: the brain bench page (owned by its helper).
export {};
