/**
 * The Salesforce objects we read, declared as data: which canonical entity each feeds, and for every
 * canonical column the headers it may come under — the field's API name (a Data Export or Data Loader
 * file) first, then its field label (a report or list-view export, "Export Details"). A file is matched to
 * an object by its name (Opportunity.csv) or, failing that, by its header (salesforce.ts).
 *
 * English labels are Salesforce's own standard field labels as its Field Reference lists them (Opportunity,
 * Lead, Account, User, OpportunityHistory, Campaign, CampaignMember, Task, CurrencyType, checked for this
 * release), plus the names reports give lookup fields ("Opportunity Owner", "Account Name"). Korean labels
 * follow the Korean UI's terms (기회 = opportunity, 계정 = account; shared/GLOSSARY.md) and were NOT checked
 * against a Korean org's export: docs/salesforce.md says so, and a mapping file covers any label we miss.
 */
import type { DeclaredObject } from "./declared.ts";

const DELETED = ["IsDeleted", "Deleted", "삭제됨"];
const CREATED = ["CreatedDate", "Created Date", "생성 날짜", "작성 날짜"];
const MODIFIED = ["LastModifiedDate", "Last Modified Date", "최종 수정 날짜"];
/** History files carry one of these; an opportunity file none. */
const HISTORY_HEADERS = ["OpportunityId", "Opportunity History ID", "From Stage", "To Stage", "Edit Date", "Stage Change Date"];

export const SALESFORCE_OBJECTS: DeclaredObject[] = [
  {
    object: "User",
    entity: "users",
    identifiedBy: ["user_id", "user_name"],
    notWith: ["Lead ID", "Opportunity ID", "Account ID", "StageName", "Status", "MailingStreet", "Mailing Street", "ReportsToId", "Contact ID"],
    columns: {
      user_id: ["Id", "User ID", "사용자 ID"],
      user_name: ["Name", "Full Name", ["FirstName", "LastName"], ["First Name", "Last Name"], "LastName", "Last Name", "이름"],
      department: ["Department", "부서"],
      title: ["Title", "직함"],
      role: ["UserRole.Name", "Role", "역할"],
      profile: ["Profile.Name", "Profile", "프로필"],
      start_date: ["custom:User.startDate", ...CREATED],
      is_active: ["IsActive", "Active", "활성"],
      region: ["custom:User.region"],
      manager_id: ["ManagerId", "Manager ID", "관리자 ID"],
      is_deleted: DELETED,
    },
  },
  {
    object: "Account",
    entity: "accounts",
    identifiedBy: ["account_id", "account_name"],
    notWith: ["StageName", "Stage", "Opportunity ID", "Lead ID", "Lead Status", "단계", "기회 ID"],
    columns: {
      account_id: ["Id", "Account ID", "계정 ID"],
      account_name: ["Name", "Account Name", "계정 이름"],
      industry: ["Industry", "업종"],
      account_type: ["Type", "Account Type", "계정 유형", "고객사 유형"],
      annual_revenue: ["AnnualRevenue", "Annual Revenue", "연간 매출"],
      employees: ["NumberOfEmployees", "Employees", "직원 수", "직원"],
      region: ["custom:Account.region"],
      country: ["BillingCountry", "Billing Country", "청구 국가"],
      tier: ["custom:Account.tier"],
      created_at: CREATED,
      owner_id: ["OwnerId", "Owner ID", "Account Owner", "계정 소유자"],
      is_deleted: DELETED,
    },
  },
  {
    object: "Campaign",
    entity: "campaigns",
    identifiedBy: ["campaign_id", "campaign_name"],
    notWith: ["LeadId", "Lead ID", "ContactId"],
    columns: {
      campaign_id: ["Id", "Campaign ID", "캠페인 ID"],
      campaign_name: ["Name", "Campaign Name", "캠페인 이름"],
      campaign_type: ["Type", "Campaign Type", "유형"],
      start_date: ["StartDate", "Start Date", "시작 날짜"],
      is_deleted: DELETED,
    },
  },
  {
    object: "Lead",
    entity: "leads",
    identifiedBy: ["lead_id", "status"],
    notWith: ["WhoId", "WhatId", "Subject", "CampaignId", "Campaign ID"],
    columns: {
      lead_id: ["Id", "Lead ID", "리드 ID"],
      company: ["Company", "Company / Account", "회사"],
      account_id: ["ConvertedAccountId", "Converted Account ID", "Converted Account"],
      lead_source: ["LeadSource", "Lead Source", "리드 소스"],
      status: ["Status", "Lead Status", "리드 상태"],
      created_at: CREATED,
      mql_at: ["custom:Lead.mqlDate"],
      sql_at: ["custom:Lead.sqlDate"],
      converted_at: ["ConvertedDate", "Converted Date", "전환 날짜"],
      is_converted: ["IsConverted", "Converted", "전환됨"],
      converted_opportunity_id: ["ConvertedOpportunityId", "Converted Opportunity ID", "Converted Opportunity"],
      owner_id: ["OwnerId", "Owner ID", "Lead Owner", "리드 소유자"],
      loss_reason: ["custom:Lead.lossReason"],
      modified_at: MODIFIED,
      is_deleted: DELETED,
    },
  },
  {
    object: "Opportunity",
    entity: "opportunities",
    identifiedBy: ["opportunity_id", "stage_name"],
    notWith: HISTORY_HEADERS,
    columns: {
      opportunity_id: ["Id", "Opportunity ID", "기회 ID"],
      account_id: ["AccountId", "Account ID", "계정 ID"],
      stage_name: ["StageName", "Stage", "단계"],
      amount: ["Amount", "금액"],
      currency: ["CurrencyIsoCode", "Opportunity Currency", "Currency", "기회 통화", "통화"],
      close_date: ["CloseDate", "Close Date", "마감일"],
      created_at: CREATED,
      owner_id: ["OwnerId", "Owner ID", "Opportunity Owner", "기회 소유자"],
      created_by_id: ["CreatedById", "Created By ID", "Created By", "작성자"],
      lead_source: ["LeadSource", "Lead Source", "리드 소스"],
      opportunity_type: ["Type", "Opportunity Type", "유형", "기회 유형"],
      is_closed: ["IsClosed", "Closed", "종료됨"],
      is_won: ["IsWon", "Won", "성공"],
      loss_reason: ["custom:Opportunity.lossReason"],
      campaign_id: ["CampaignId", "Campaign ID"],
      competitors: ["custom:Opportunity.competitors"],
      modified_at: [...MODIFIED, "LastStageChangeDate", "Last Stage Change Date"],
      is_deleted: DELETED,
    },
  },
  {
    object: "OpportunityHistory",
    entity: "opportunity_history",
    identifiedBy: ["opportunity_id", "stage_name", "entered_at"],
    requiresOneOf: HISTORY_HEADERS,
    columns: {
      history_id: ["Id", "Opportunity History ID"],
      opportunity_id: ["OpportunityId", "Opportunity ID", "기회 ID"],
      stage_name: ["StageName", "Stage Name", "To Stage", "Stage", "단계"],
      entered_at: ["CreatedDate", "Created Date", "Edit Date", "Stage Change Date", "생성 날짜"],
      amount: ["Amount", "금액"],
      close_date: ["CloseDate", "Close Date", "마감일"],
      is_deleted: DELETED,
    },
  },
  {
    // A multi-currency org's rates (Setup → Manage Currencies), in Salesforce's direction: units per one
    // unit of the corporate currency.
    object: "CurrencyType",
    entity: "currency_rates",
    identifiedBy: ["currency", "rate", "is_corporate"],
    columns: {
      currency: ["IsoCode", "ISO Code", "Currency ISO Code"],
      rate: ["ConversionRate", "Conversion Rate"],
      is_corporate: ["IsCorporate", "Corporate", "Corporate Currency"],
      is_active: ["IsActive", "Active"],
    },
  },
  {
    object: "DatedConversionRate",
    entity: "dated_currency_rates",
    identifiedBy: ["currency", "rate", "start_date"],
    columns: {
      currency: ["IsoCode", "ISO Code", "Currency ISO Code"],
      rate: ["ConversionRate", "Conversion Rate"],
      start_date: ["StartDate", "Start Date"],
      next_start_date: ["NextStartDate", "Next Start Date"],
    },
  },
  {
    object: "OpportunityCompetitor",
    entity: "opportunity_competitors",
    identifiedBy: ["opportunity_id", "competitor"],
    columns: {
      opportunity_id: ["OpportunityId", "Opportunity ID", "기회 ID"],
      competitor: ["CompetitorName", "Competitor Name", "Competitor", "경쟁사"],
      is_deleted: DELETED,
    },
  },
  {
    object: "CampaignMember",
    entity: "campaign_members",
    identifiedBy: ["campaign_id", "lead_id"],
    columns: {
      campaign_id: ["CampaignId", "Campaign ID"],
      lead_id: ["LeadId", "Lead ID"],
      created_at: CREATED,
      is_deleted: DELETED,
    },
  },
  {
    object: "Task",
    entity: "tasks",
    identifiedBy: ["task_id", "activity_date"],
    requiresOneOf: ["WhoId", "WhatId", "Name ID", "Related To ID", "Subject"],
    columns: {
      task_id: ["Id", "Activity ID", "Task ID"],
      lead_id: ["WhoId", "Name ID"],
      opportunity_id: ["WhatId", "Related To ID"],
      account_id: ["AccountId", "Account ID"],
      activity_date: ["ActivityDate", "Due Date Only", "Due Date", ...CREATED],
      task_type: ["Type", "TaskSubtype", "Task Subtype"],
      owner_id: ["OwnerId", "Assigned To ID", "Assigned"],
      is_deleted: DELETED,
    },
  },
];

/**
 * Standard objects a Data Export holds that no metric reads: a file named after one is not read, even when
 * its header would fit one of ours (Contact.csv has an Id and a Name like User.csv).
 */
export const OTHER_SALESFORCE_OBJECTS = [
  "Contact", "OpportunityContactRole", "OpportunityLineItem", "OpportunityFieldHistory", "OpportunityShare", "FieldHistory",
  "AccountHistory", "LeadHistory", "ContactHistory", "UserRole", "Profile", "RecordType", "Event", "Case", "Contract", "Product2",
  "Pricebook2", "PricebookEntry", "Asset", "Note", "Attachment", "ContentVersion", "ContentDocument", "Partner",
  "AccountContactRelation", "AccountTeamMember", "OpportunityTeamMember", "CampaignMemberStatus", "Quote", "QuoteLineItem",
  "Order", "OrderItem", "EmailMessage", "Group", "GroupMember", "Organization", "Period", "ForecastingQuota",
];
