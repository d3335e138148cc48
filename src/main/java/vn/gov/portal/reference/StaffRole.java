package vn.gov.portal.reference;

import vn.gov.portal.agency.Agency;

/** A role a staff member holds in an agency. */
public record StaffRole(Agency agency, String role) {}
