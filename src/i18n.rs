//! Interface text. Arabic is the default (and for now the only) interface language; every
//! string is a field of [`Ui`], so a missing translation is a compile error, not a blank.

use atlas_core::model::{EventStatus, Kind, Qualifier};

pub struct Ui {
    pub lang: &'static str,
    pub dir: &'static str,
    pub site_title: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_hint: &'static str,
    pub loading: &'static str,
    pub load_failed_title: &'static str,
    pub load_failed_network: &'static str,
    pub load_failed_status: &'static str,
    pub load_failed_parse: &'static str,
    pub load_failed_version: &'static str,
    pub load_failed_invalid: &'static str,
    pub retry: &'static str,
    pub technical_details: &'static str,
    pub results_all: &'static str,
    pub results_one: &'static str,
    pub results_many: &'static str,
    pub no_results_title: &'static str,
    pub no_results_body: &'static str,
    pub try_these: &'static str,
    pub suggestions: &'static [&'static str],
    pub sources_label: &'static str,
    pub sources_differ: &'static str,
    pub sources_differ_long: &'static str,
    pub inferred: &'static str,
    pub inferred_title: &'static str,
    pub undated: &'static str,
    pub back_to_results: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub organizers: &'static str,
    pub participants: &'static str,
    pub topics: &'static str,
    pub figures: &'static str,
    pub value: &'static str,
    pub related: &'static str,
    pub about_source: &'static str,
    pub archive_file: &'static str,
    pub edition: &'static str,
    pub period: &'static str,
    pub since: &'static str,
    pub attributed_to: &'static str,
    pub event: &'static str,
    pub place: &'static str,
    pub role: &'static str,
    pub aliases: &'static str,
    pub member_of: &'static str,
    pub events_here: &'static str,
    pub author: &'static str,
    pub footer_note: &'static str,
    pub translation_missing: &'static str,
}

pub const AR: Ui = Ui {
    lang: "ar",
    dir: "rtl",
    site_title: "أطلس",
    site_tagline: "مؤتمرات أمنية احتضنها المغرب أو شارك فيها",
    skip_to_content: "انتقل إلى المحتوى",
    search_label: "ابحث في الأطلس",
    search_placeholder: "مثال: مراكش، الإنتربول، Glasgow، ٢٠٢٢",
    search_hint: "يجد الكلمة بتشكيل أو بدونه، وبالهمزة أو بدونها، وبالحروف اللاتينية.",
    loading: "جارٍ تحميل البيانات…",
    load_failed_title: "تعذّر عرض البيانات",
    load_failed_network: "لم نتمكن من الوصول إلى ملف البيانات. تحقّق من اتصالك بالإنترنت ثم أعد المحاولة.",
    load_failed_status: "ردّ الخادم بخطأ عند طلب ملف البيانات.",
    load_failed_parse: "ملف البيانات الذي وصل تالف أو ليس بالصيغة المنتظرة.",
    load_failed_version: "ملف البيانات من إصدار لا يقرؤه هذا التطبيق. أعد تحميل الصفحة للحصول على أحدث نسخة.",
    load_failed_invalid: "ملف البيانات يحتوي على أخطاء تمنع عرضه بأمان.",
    retry: "إعادة المحاولة",
    technical_details: "تفاصيل تقنية",
    results_all: "كل السجلات",
    results_one: "نتيجة واحدة",
    results_many: "نتيجة",
    no_results_title: "لا توجد نتائج",
    no_results_body: "جرّب كلمة أقصر أو أقل عدداً من الكلمات، أو تهجئة أخرى للاسم.",
    try_these: "جرّب مثلاً:",
    suggestions: &["مراكش", "الإنتربول", "حموشي", "Glasgow", "الأمن الكيميائي", "٢٠٢٣"],
    sources_label: "المصادر",
    sources_differ: "المصادر تختلف",
    sources_differ_long: "لا تتفق المصادر على هذه المعلومة؛ نعرض كل رواية مع مصدرها.",
    inferred: "مستنتَج",
    inferred_title: "السنة غير مذكورة صراحة في المصدر، واستُنتجت من سياقه",
    undated: "بلا تاريخ",
    back_to_results: "العودة إلى النتائج",
    not_found_title: "لم نجد هذا السجل",
    not_found_body: "ربما تغيّر الرابط أو حُذف السجل. يمكنك البحث عنه من جديد.",
    organizers: "الجهات المنظمة",
    participants: "المشاركون",
    topics: "المواضيع",
    figures: "الأرقام",
    value: "القيمة",
    related: "سجلات مرتبطة",
    about_source: "عن المصدر",
    archive_file: "ملف الأرشيف",
    edition: "الدورة",
    period: "الفترة",
    since: "منذ",
    attributed_to: "منسوب إلى",
    event: "الحدث",
    place: "المكان",
    role: "الصفة",
    aliases: "أسماء أخرى",
    member_of: "الجهة",
    events_here: "أحداث في هذا المكان",
    author: "الكاتب",
    footer_note: "أطلس: بيانات مستخلصة من خمسة نصوص إخبارية ورسمية، كل معلومة مع مصدرها. يعمل كاملاً في المتصفح.",
    translation_missing: "غير مترجم",
};

/// The interface text for the current language.
pub fn ui() -> &'static Ui {
    &AR
}

impl Ui {
    pub fn kind(&self, k: Kind) -> &'static str {
        match k {
            Kind::Event => "حدث",
            Kind::Figure => "رقم",
            Kind::Person => "شخص",
            Kind::Organization => "هيئة",
            Kind::Place => "مكان",
            Kind::Source => "مصدر",
        }
    }

    pub fn status(&self, s: EventStatus) -> &'static str {
        match s {
            EventStatus::Held => "انعقد",
            EventStatus::Planned => "مرتقب",
            EventStatus::Cancelled => "أُلغي",
        }
    }

    /// The qualifier in words, for detail views and screen readers.
    pub fn qualifier(&self, q: Qualifier) -> &'static str {
        match q {
            Qualifier::Exact => "",
            Qualifier::MoreThan => "أكثر من",
            Qualifier::About => "حوالي",
        }
    }

    pub fn results_count(&self, n: usize) -> String {
        match n {
            1 => self.results_one.to_string(),
            n => format!("{n} {}", self.results_many),
        }
    }
}
