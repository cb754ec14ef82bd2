//! Interface text. Arabic is the default (and for now the only) interface language; every
//! string is a field of [`Ui`], so a missing translation is a compile error, not a blank.

use atlas_core::model::{EventKind, EventStatus, Kind, Qualifier};

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
    pub view_nav: &'static str,
    pub view_cards: &'static str,
    pub view_map: &'static str,
    pub view_stats: &'static str,
    pub view_timeline: &'static str,
    pub filters: &'static str,
    pub filters_show: &'static str,
    pub clear_all: &'static str,
    pub active_filters: &'static str,
    pub remove_filter: &'static str,
    pub facet_kind: &'static str,
    pub facet_place: &'static str,
    pub facet_country: &'static str,
    pub facet_year: &'static str,
    pub facet_org: &'static str,
    pub facet_person: &'static str,
    pub facet_topic: &'static str,
    pub facet_status: &'static str,
    pub year_from: &'static str,
    pub year_to: &'static str,
    pub year_any: &'static str,
    pub apply: &'static str,
    pub stats_title: &'static str,
    pub group_by: &'static str,
    pub group_measure: &'static str,
    pub group_event: &'static str,
    pub no_event: &'static str,
    pub export_csv: &'static str,
    pub export_json: &'static str,
    pub table_caption: &'static str,
    pub col_value: &'static str,
    pub col_label: &'static str,
    pub col_period: &'static str,
    pub col_event: &'static str,
    pub col_source: &'static str,
    pub no_figures: &'static str,
    pub timeline_title: &'static str,
    pub no_events: &'static str,
    pub map_title: &'static str,
    pub map_zoom_in: &'static str,
    pub map_zoom_out: &'static str,
    pub map_fit: &'static str,
    pub map_list: &'static str,
    pub map_inset: &'static str,
    pub map_events_at: &'static str,
    pub map_pick: &'static str,
    pub map_loading: &'static str,
    pub map_failed: &'static str,
    pub map_keys: &'static str,
    pub events_word: &'static str,
    pub event_one: &'static str,
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
    view_nav: "طرق العرض",
    view_cards: "البطاقات",
    view_map: "الخريطة",
    view_stats: "الإحصاءات",
    view_timeline: "الخط الزمني",
    filters: "تصفية",
    filters_show: "عرض عوامل التصفية",
    clear_all: "مسح الكل",
    active_filters: "عوامل التصفية النشطة",
    remove_filter: "إزالة",
    facet_kind: "النوع",
    facet_place: "المدينة",
    facet_country: "البلد",
    facet_year: "السنة",
    facet_org: "الهيئة",
    facet_person: "الشخص",
    facet_topic: "الموضوع",
    facet_status: "حالة الحدث",
    year_from: "من سنة",
    year_to: "إلى سنة",
    year_any: "الكل",
    apply: "تطبيق",
    stats_title: "الأرقام كما أوردتها المصادر",
    group_by: "تجميع حسب",
    group_measure: "المقياس",
    group_event: "الحدث",
    no_event: "بلا حدث محدد",
    export_csv: "تنزيل CSV",
    export_json: "تنزيل JSON",
    table_caption: "جدول الأرقام المعروضة",
    col_value: "القيمة",
    col_label: "الوصف",
    col_period: "الفترة",
    col_event: "الحدث",
    col_source: "المصدر",
    no_figures: "لا أرقام تطابق هذا الاختيار.",
    timeline_title: "الأحداث عبر السنين",
    no_events: "لا أحداث تطابق هذا الاختيار.",
    map_title: "خريطة المدن المستضيفة",
    map_zoom_in: "تكبير",
    map_zoom_out: "تصغير",
    map_fit: "ملاءمة البيانات",
    map_list: "قائمة الأماكن",
    map_inset: "المملكة المتحدة",
    map_events_at: "الأحداث في",
    map_pick: "اختر مدينة على الخريطة أو من القائمة لعرض أحداثها.",
    map_loading: "جارٍ تحميل الخريطة…",
    map_failed: "تعذّر تحميل الخريطة.",
    map_keys: "استعمل الأسهم للتحريك و + و − للتكبير والتصغير.",
    events_word: "أحداث",
    event_one: "حدث واحد",
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

    /// The status of an event in words that fit its kind (an attack "took place", a
    /// congress "was held").
    pub fn event_status(&self, kind: EventKind, s: EventStatus) -> &'static str {
        match (kind, s) {
            (EventKind::Attack | EventKind::Operation, EventStatus::Held) => "وقع",
            (EventKind::Launch, EventStatus::Held) => "أُطلق",
            _ => self.status(s),
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

    pub fn measure(&self, id: &str) -> String {
        match id {
            "experts" => "الخبراء",
            "delegates" => "المندوبون",
            "countries" => "الدول",
            "countries-and-organizations" => "الدول والمنظمات",
            "organizations" => "المنظمات",
            "participants" => "المشاركون",
            "projects-foiled" => "مشاريع إرهابية أُحبطت",
            "cells-dismantled" => "خلايا إرهابية فُككت",
            "persons-prosecuted" => "أشخاص قُدّموا للعدالة",
            "share-isis-linked" => "نسبة الخلايا المرتبطة بداعش",
            "members-arrested" => "أعضاء أوقفوا",
            "sessions" => "الحلقات",
            "duration" => "المدة",
            other => return other.replace('-', " "),
        }
        .to_string()
    }

    pub fn facet(&self, f: atlas_core::facets::Facet) -> &'static str {
        use atlas_core::facets::Facet;
        match f {
            Facet::Kind => self.facet_kind,
            Facet::Place => self.facet_place,
            Facet::Country => self.facet_country,
            Facet::Year => self.facet_year,
            Facet::Org => self.facet_org,
            Facet::Person => self.facet_person,
            Facet::Topic => self.facet_topic,
            Facet::Status => self.facet_status,
        }
    }

    pub fn events_count(&self, n: usize) -> String {
        match n {
            1 => self.event_one.to_string(),
            n => format!("{n} {}", self.events_word),
        }
    }

    pub fn results_count(&self, n: usize) -> String {
        match n {
            1 => self.results_one.to_string(),
            n => format!("{n} {}", self.results_many),
        }
    }
}
