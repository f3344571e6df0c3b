//! Stop lists of the languages beyond English and Russian: function words (articles,
//! prepositions, pronouns, auxiliaries, question words), folded as the analyser folds them, one
//! string per language, each compiled in with its language's feature. Short lists, written for
//! Folio after Snowball's: a stop word is only left out of a query among other words, so a
//! content word on a list would go unscored.

#[cfg(feature = "lang-de")]
const GERMAN: &str = "\
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes \
    auch auf aus bei beim bin bis bist da damit dann das dass dem den denn der des dessen die dies \
    diese dieselbe diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines \
    er es etwas euch euer fur gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm \
    ihn ihnen ihr ihre ihrem ihren ihrer ihres im in ins ist jede jedem jeden jeder jedes jene jenem \
    jenen jener jenes kann kein keine konnen konnte man manche mein meine mich mir mit muss musste \
    nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seit sich sie \
    sind so solche soll sollte sondern sonst uber um und uns unser unter viele vom von vor wann war \
    waren warst warum was weil welche welchem welchen welcher welches wenn wer werde werden wie \
    wieder wieviel will wir wird wo wurde wurden zu zum zur zwar zwischen";
#[cfg(feature = "lang-fr")]
const FRENCH: &str = "\
    a ai as au aura aurait auront aux avaient avais avait avec avez avons ayant c ce ces cet cette \
    combien comment d dans de des dont du elle en es est et etaient etais etait etant ete etee etees \
    etes etions eu eurent eut eux furent fus fut il ils j je l la laquelle le lequel les lesquels \
    leur lui m ma mais me meme mes moi mon n ne nos notre nous on ont ou par pas pour pourquoi qu \
    quand que quel quelle quelles quels qui s sa se sera serai serait serons seront ses soient sois \
    soit sommes son sont suis sur t ta te tes toi ton tu un une vos votre vous y";
#[cfg(feature = "lang-es")]
const SPANISH: &str = "\
    a al algo algunas algunos ante antes como con contra cual cuales cuando cuantas cuanto cuantos \
    de del desde donde durante e el ella ellas ellos en entre era eran es esa esas ese eso esos esta \
    estamos estan estar estas este esto estos estoy fue fueron ha habia habian han has hasta hay he \
    hemos hubo la las le les lo los mas me mi mia mio mis mucho muchos muy nada ni no nos nosotros \
    nuestra nuestro o os otra otras otro otros para pero poco por porque que quien quienes se ser si \
    sido siendo sin sobre son su sus suya suyo tambien tanto te tenia ti tiene tienen todo todos tu \
    tus tuyo un una uno unos vuestro y ya yo";
#[cfg(feature = "lang-it")]
const ITALIAN: &str = "\
    a abbiamo ad agl agli ai al all alla alle allo anche avete c che chi ci coi col come con contro \
    cui da dagl dagli dai dal dall dalla dalle dallo degl degli dei del dell della delle dello di \
    dov dove e ed era erano essere fu furono gli ha hai hanno ho i il in io l la le lei li lo loro \
    lui ma mi mia mie miei mio ne negl negli nei nel nell nella nelle nello noi non nostra nostre \
    nostri nostro o per perche piu quale quando quanta quante quanti quanto quella quelle quelli \
    quello questa queste questi questo se si sono stata stato su sua sue sugl sugli sui sul sull \
    sulla sulle sullo suo suoi ti tra tu tua tue tuo tuoi tutti tutto un una uno vi voi vostra \
    vostro";
#[cfg(feature = "lang-pt")]
const PORTUGUESE: &str = "\
    a ao aos aquela aquelas aquele aqueles aquilo as ate com como da das de dela delas dele deles \
    depois do dos e ela elas ele eles em entre era eram essa essas esse esses esta estao estas \
    estava este estes eu foi foram ha houve isso isto ja lhe lhes mais mas me mesmo meu meus minha \
    minhas muito na nao nas nem no nos nossa nossas nosso nossos num numa o onde os ou para pela \
    pelas pelo pelos por quais qual quando quantas quanto quantos que quem sao se sem ser seu seus \
    so sua suas tambem te tem ter teu teus tinha tu tua tuas um uma voce voces vos";
#[cfg(feature = "lang-nl")]
const DUTCH: &str = "\
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een \
    eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hoeveel hun iemand \
    iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu \
    of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor waar \
    waarom wanneer want waren was wat welke werd wezen wie wil worden wordt zal ze zelf zich zij \
    zijn zo zonder zou";
#[cfg(feature = "lang-ro")]
const ROMANIAN: &str = "\
    a acea aceasta aceea acei aceia acel acela acele acelea acest acesta aceste acestea acestei \
    acesti acestia acestui acolo acum ai aia aiba aici al ale alea alt alta altceva altcineva am ar \
    are as asadar ati au avea avem avut azi ba bine ca caci cand care carei careia caror carora \
    carui caruia cat cata cate cati ce cea ceea cei ceilalti cel cele celor ceva chiar ci cine \
    cineva cum cumva da daca dar de deci din dintre doar dupa ea ei el ele era erau este eu fara fi \
    fie fiecare fost iar ii il imi impotriva in inainte inaintea inca incat intre la le li lor lui \
    mai mi mult multe multi ne nici nimic noi nostru nu o ori oricare pe pentru poate prin sa sau se \
    si sub sunt ti un una unde unei unele uneori unii unor unui unul va voi vor";
#[cfg(feature = "lang-tr")]
const TURKISH: &str = "\
    acaba ama ancak artık aslında az bana bazı belki ben beni benim bile bir biri birkac biz bize \
    bizi bizim bu buna bunda bundan bunlar bunları bunların bunu bunun burada cok cunku da daha de \
    defa diger diye dolayı en gibi gore hangi hangisi hatta hem henuz hep hepsi her herhangi hic \
    icin ile ilgili ise iste kac kadar karsın kendi kendine kez ki kim kime kimi kimin mi mu mı \
    nasıl ne neden nerde nerede nereye nicin niye o olan olarak oldu oldugu oldugunu olmak olmayan \
    olsa olur ona ondan onlar onları onların onu onun orada oyle pek ragmen sadece sanki sey siz \
    size sizi sizin soyle su suna sunda sundan sunu tarafından tum uzere ve veya ya yani yine zaten";
#[cfg(feature = "lang-el")]
const GREEK: &str = "\
    ακομα ακομη αλλα αν απο αυτα αυτεσ αυτη αυτην αυτησ αυτο αυτοι αυτον αυτοσ αυτου αυτων για γιατι \
    δεν εαν εγω ειναι ειχαν ειχε εμεισ ενα ενασ ενοσ ενω επισησ εσεισ εσυ εχει εχουν εωσ η ηταν θα \
    και κατα κι μασ με μετα μη μην μια μιασ μου να ο οι ολα ολεσ ολοι ομωσ οταν οτι παρα ποια ποιασ \
    ποιεσ ποιο ποιοι ποιον ποιοσ ποιου ποιων πολυ ποσα ποσεσ ποσο ποσοι ποτε που προσ πωσ σασ σε σου \
    στα στη στην στησ στισ στο στον στου στουσ τα τη την τησ τισ το τον του τουσ των χωρισ ωσ";
#[cfg(feature = "lang-ar")]
const ARABIC: &str = "\
    اذ اذا التى التي الذى الذي الذين اللتان اللذان الى ان انا انت انتم او اي ايضا اين بعد بل به بها \
    بين تلك ثم حتى حول حيث خلال ذلك ضد على عن عند غير في فيه فيها قبل قد كان كانت كانوا كل كم كيف لا \
    لقد لكن لم لماذا لن له لها ليس ما ماذا متى مع من منذ منه منها نحن هذا هذه هم هن هنا هناك هو هي و \
    يكون";
#[cfg(feature = "lang-hi")]
const HINDI: &str = "\
    अपना अपनी अपने इन इस उन उस एक और कब कर करता करते करने कहाँ कहां का कि कितना कितनी कितने किया किस \
    किसने किसे की के कैसे को कौन क्या क्यों गई गए गया जिन्हें जिस जिसे जो तक तो था थी थे द्वारा नहीं \
    ने पर पहले बाद भी में यह या ये लिए वह वे साथ से ही है हैं हो होता होती होते होना होने";

use super::lang::Language;

/// The stop list of a language, its words separated by single spaces; empty when it has none
/// in this build.
pub(super) fn of(language: Language) -> &'static str {
    match language {
        #[cfg(feature = "lang-de")]
        Language::German => GERMAN,
        #[cfg(feature = "lang-fr")]
        Language::French => FRENCH,
        #[cfg(feature = "lang-es")]
        Language::Spanish => SPANISH,
        #[cfg(feature = "lang-it")]
        Language::Italian => ITALIAN,
        #[cfg(feature = "lang-pt")]
        Language::Portuguese => PORTUGUESE,
        #[cfg(feature = "lang-nl")]
        Language::Dutch => DUTCH,
        #[cfg(feature = "lang-ro")]
        Language::Romanian => ROMANIAN,
        #[cfg(feature = "lang-tr")]
        Language::Turkish => TURKISH,
        #[cfg(feature = "lang-el")]
        Language::Greek => GREEK,
        #[cfg(feature = "lang-ar")]
        Language::Arabic => ARABIC,
        #[cfg(feature = "lang-hi")]
        Language::Hindi => HINDI,
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::super::stopwords::in_list;
    use super::*;

    /// `in_list` searches a list by halves: every list must be sorted by its bytes, with single
    /// spaces between its words.
    #[test]
    fn lists_are_sorted_words_between_single_spaces() {
        for language in Language::all() {
            let list = of(language);
            if list.is_empty() {
                continue;
            }
            let words: Vec<&str> = list.split(' ').collect();
            assert!(words.iter().all(|w| !w.is_empty() && !w.contains(char::is_whitespace)), "{language:?}");
            assert!(words.windows(2).all(|w| w[0] < w[1]), "{language:?}");
            assert!(words.iter().all(|w| in_list(list, w)), "{language:?}");
        }
    }
}
