/** The simulator types, re-exported from their home in src/view-model/ so islands' existing imports keep working. */
export * from '../../view-model/core-types';
