package vn.gov.portal.agency;

public record StaffMember(String username, String fullName, boolean isAdmin) {}
