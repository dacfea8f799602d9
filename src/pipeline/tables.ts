/** The pipeline CLI's tables: the results layer's (the same tables the report writes), printed as text. */
export { comparisonTablesText, type ComparisonTablesInput } from '../results/cliTables';
