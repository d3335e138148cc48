/** The national population register behind a port: lookups for prefill, the unit catalogue, and write-back. */
package vn.gov.portal.population;
