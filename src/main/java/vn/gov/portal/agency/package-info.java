/** Agencies (as data, with the unit codes of their receipt codes) and the roles staff hold in them. */
package vn.gov.portal.agency;
