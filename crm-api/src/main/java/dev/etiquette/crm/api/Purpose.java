package dev.etiquette.crm.api;

/**
 * Why a contact is made. Consent is given per (channel, purpose); transactional, service and legal
 * contacts are exempt from marketing consent (see the rules reference).
 */
public enum Purpose {
  MARKETING,
  SALES,
  SERVICE,
  TRANSACTIONAL,
  LEGAL,
  SURVEY
}
