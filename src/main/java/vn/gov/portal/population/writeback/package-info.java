/**
 * The write-back handlers named by procedure definitions: what an approved procedure changes in the population
 * register. Each runs in the transaction of the approving transition and records an audit entry.
 */
package vn.gov.portal.population.writeback;
