/** Named checks against the register that definitions attach to transitions ({@code guards:}). */
package vn.gov.portal.population.guard;
