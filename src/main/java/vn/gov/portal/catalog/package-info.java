/** Procedure definitions: loaded from workflows/*.yaml, validated at start, looked up by code and version. */
package vn.gov.portal.catalog;
