package vn.gov.portal.reference;

/** A staff account as the admin pages show it, active or not. */
public record StaffAccount(String username, String fullName, String email, boolean isAdmin, boolean active) {}
