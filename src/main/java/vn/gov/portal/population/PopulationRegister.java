package vn.gov.portal.population;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The port to the national population register. Reads for prefill and display; writes only for completed procedures. */
public interface PopulationRegister {

    Optional<Person> person(IdNumber idNumber);

    Optional<Household> householdOf(IdNumber idNumber);

    List<Residence> residences(IdNumber idNumber);

    /** The person linked as FATHER, MOTHER or SPOUSE. */
    Optional<IdNumber> relative(IdNumber idNumber, String relation);

    /**
     * A person with their FATHER, MOTHER and SPOUSE: the links by relation, and each of them with residences; and the
     * person's household, as {@link #householdOf} gives it.
     */
    record Family(Map<String, IdNumber> links, Map<IdNumber, Person> people, Map<IdNumber, List<Residence>> residences,
                  Optional<Household> household) {}

    /**
     * The person, their links and the linked people with their residences, and their household, read at once: every
     * form page and submission prefills from them. Empty maps and no household for an unknown number.
     */
    Family family(IdNumber idNumber);

    /** Several people at once (a prefill reads the filer and their family), by number; unknown numbers are left out. */
    Map<IdNumber, Person> people(Collection<IdNumber> idNumbers);

    /** The residences of several people at once, by number, each list ordered as {@link #residences}. */
    Map<IdNumber, List<Residence>> residencesOf(Collection<IdNumber> idNumbers);

    /** The people whose FATHER or MOTHER link points at this person. */
    List<IdNumber> children(IdNumber idNumber);

    /** An address as people read it: "detail, commune, province". */
    String describe(Residence residence);

    List<AdminUnit> provinces();

    List<AdminUnit> communes();

    Optional<AdminUnit> unit(String code);

    /** Provinces and communes, to show names where answers hold codes. */
    List<AdminUnit> units();

    /** The name of every province and commune by its code, to show names where answers hold codes. */
    Map<String, String> unitNames();

    /**
     * Enters a newborn: issues a personal ID number (registration province, century/sex digit, year, a serial not yet
     * used), places the child in the household with the relation given and links the parents. The permanent
     * residence is a procedure of its own ({@link #registerResidenceAtHousehold}).
     * <p>A birth is registered once (Law on Civil Status art. 5): when the mother or the father already has a child of
     * this name (ignoring case, spacing and Unicode form) and date of birth, nothing is written and it throws
     * {@link RegisterConflict} naming that child. The parents' records are locked first, until the caller's
     * transaction ends, so that a second registration of the same birth decided at the same moment waits and then
     * finds the first.
     */
    IdNumber registerBirth(NewPerson child, String registrationProvinceCode, long householdId, String relationToHead,
                           IdNumber mother, IdNumber father);

    /**
     * The child that {@link #registerBirth} would find already registered: a child of the mother or the father (either
     * may be null) with this name, ignoring case, spacing and Unicode form, and date of birth. Reads without locking,
     * to tell a citizen at filing; the registration itself checks again under its locks.
     */
    Optional<IdNumber> registeredChild(NewPerson child, IdNumber mother, IdNumber father);

    /** Registers the person's permanent residence at the address of the household they belong to. */
    void registerResidenceAtHousehold(IdNumber idNumber, LocalDate from);

    /**
     * Records the date of death; the spouse becomes widowed, a household they headed has no head and its members no
     * relation to one (see below).
     */
    void recordDeath(IdNumber idNumber, LocalDate dateOfDeath);

    /**
     * Both become married and linked as spouses (a widowed or divorced party's former link is replaced). Both records
     * are locked first, in number order, and read again: when either is married, except to the other (the same
     * marriage recorded again changes nothing), it throws {@link RegisterConflict} and writes nothing; so of two
     * marriages of one person approved at the same moment, the later one is refused.
     */
    void recordMarriage(IdNumber first, IdNumber second);

    /**
     * Moves the person to a household at this address and sets their permanent residence there: the household of
     * {@code head} (the head or a member named on the declaration) when it is registered at this address, else a new
     * household at it of which the person becomes head. {@code relationToHead} is the relation declared towards
     * {@code head} (null: none declared towards them): it is recorded when {@code head} heads the household joined;
     * otherwise the relation to that household's actual head is what the family links say (spouse, child, parent),
     * else none, to be declared. A household the person headed and leaves has no head, and its members no relation
     * to one, until they register a change of head. Returns whom the next person moving along names as {@code head}
     * to join the same household: {@code head} when their household was joined, else the person.
     */
    IdNumber registerPermanentResidence(IdNumber idNumber, IdNumber head, String relationToHead, String provinceCode,
                                    String communeCode, String detail, LocalDate from);

    /**
     * The household of {@code member} if it is registered at this address (the detail compared without regard to case
     * and spacing): the household a permanent residence there naming {@code member} joins; empty when it would start a
     * new one.
     */
    Optional<Household> householdAt(IdNumber member, String provinceCode, String communeCode, String detail);

    /**
     * A change of household head (Residence Law 2020 art. 26, adjustment of residence information): {@code newHead}
     * heads the household of {@code filer}; every other living member's relation to them is the one declared in
     * {@code declaredRelations}, else what the family links say (spouse, child, parent), else none, to be declared. The
     * filer and the new head are locked first; it writes nothing and throws {@link RegisterConflict} when the filer is
     * not a living member of a household, the new head is dead, or the new head is not a member of the filer's
     * household, or the filer's household is no longer {@code household}, the one the dossier was filed about (null:
     * not recorded, as in dossiers filed before the form recorded it).
     */
    void registerHouseholdHead(IdNumber filer, Long household, IdNumber newHead,
                               Map<IdNumber, String> declaredRelations);

    void registerTemporaryAbsence(IdNumber idNumber, LocalDate from, LocalDate to, String destination);

    /**
     * Ends the permanent residence registration (after death, or moving abroad); a household the person headed has no
     * head, and its members no relation to one, until they register a change of head.
     */
    void deregisterPermanentResidence(IdNumber idNumber, LocalDate on);

    /** The person a document of this kind and number was recorded for, if any (a write-back run again finds its own). */
    Optional<IdNumber> documentHolder(String kind, String number);

    /** Records a document issued to the person (passport, certificate, licence, card); returns its number. */
    String recordDocument(IdNumber idNumber, String kind, String number, LocalDate issuedOn, LocalDate validUntil,
                          String issuer, java.util.UUID dossierId);

    /** Registers (or replaces) the person's temporary residence for the given period. */
    void registerTemporaryResidence(IdNumber idNumber, String provinceCode, String communeCode, String detail,
                                    LocalDate from, LocalDate to);
}
