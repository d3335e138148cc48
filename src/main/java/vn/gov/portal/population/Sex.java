package vn.gov.portal.population;

public enum Sex { M, F }
