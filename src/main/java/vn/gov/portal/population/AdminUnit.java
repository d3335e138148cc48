package vn.gov.portal.population;

/** A province (2-digit code) or commune (5-digit code, with its province as parent). */
public record AdminUnit(String code, String name, String parentCode) {}
