/** A deterministic synthetic population (names, households, ID numbers, family links) loaded with COPY. */
package vn.gov.portal.population.synthetic;
