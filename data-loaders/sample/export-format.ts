/**
 * The files the sample writes: one CSV per object in the Salesforce Data Export format, field API names as
 * headers (csv.ts writes the rows).
 */
import { join } from "node:path";
import { CsvFileWriter } from "./csv.ts";

/** The Salesforce Data Export columns written for each object, in order. */
export const SAMPLE_COLUMNS = {
  Account: ["Id", "IsDeleted", "Name", "Type", "Industry", "AnnualRevenue", "NumberOfEmployees", "BillingCountry", "Region__c", "OwnerId", "CreatedDate", "LastModifiedDate", "AccountSource", "CurrencyIsoCode", "Tier__c"],
  User: ["Id", "Username", "FirstName", "LastName", "Email", "Title", "Department", "UserRoleId", "IsActive", "ManagerId", "CreatedDate", "Start_Date__c", "Region__c"],
  Campaign: ["Id", "IsDeleted", "Name", "Type", "Status", "StartDate", "EndDate", "BudgetedCost", "ActualCost", "IsActive", "OwnerId", "CreatedDate"],
  Lead: ["Id", "IsDeleted", "FirstName", "LastName", "Title", "Company", "Phone", "MobilePhone", "Email", "LeadSource", "Status", "Industry", "AnnualRevenue", "NumberOfEmployees", "OwnerId", "IsConverted", "ConvertedDate", "ConvertedAccountId", "ConvertedContactId", "ConvertedOpportunityId", "CreatedDate", "LastModifiedDate", "Country", "MQL_Date__c", "SQL_Date__c", "Loss_Reason__c"],
  Contact: ["Id", "IsDeleted", "AccountId", "FirstName", "LastName", "Email", "Phone", "Title", "LeadSource", "OwnerId", "CreatedDate"],
  CampaignMember: ["Id", "IsDeleted", "CampaignId", "LeadId", "ContactId", "Status", "HasResponded", "CreatedDate", "FirstRespondedDate"],
  Opportunity: ["Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "Probability", "CloseDate", "Type", "LeadSource", "IsClosed", "IsWon", "ForecastCategoryName", "CurrencyIsoCode", "CampaignId", "OwnerId", "CreatedById", "CreatedDate", "LastModifiedDate", "LastStageChangeDate", "FiscalYear", "FiscalQuarter", "Loss_Reason__c", "Competitor__c"],
  OpportunityHistory: ["Id", "OpportunityId", "CreatedById", "CreatedDate", "CreatedDateForInsert", "StageName", "Amount", "ExpectedRevenue", "CloseDate", "Probability", "FromForecastCategory", "ForecastCategory", "PrevForecastUpdate", "FromOpportunityStageName", "PrevOpportunityStageUpdate", "CurrencyIsoCode", "ValidThroughDate", "SystemModstamp", "IsDeleted", "PrevAmount", "PrevCloseDate"],
  OpportunityCompetitor: ["Id", "OpportunityId", "CompetitorName", "Strengths", "Weaknesses", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp", "IsDeleted"],
  Task: ["Id", "IsDeleted", "WhoId", "WhatId", "AccountId", "Subject", "ActivityDate", "Status", "Priority", "OwnerId", "Type", "TaskSubtype", "IsClosed", "CreatedDate", "CallDurationInSeconds"],
} as const;

export type SampleObject = keyof typeof SAMPLE_COLUMNS;

/** How Salesforce exports an empty lookup on some objects (Lead.Converted*Id, Opportunity.CampaignId). */
export const EMPTY_LOOKUP = "000000000000000AAA";

/** One open CSV writer per exported object. */
export type Writers = Record<SampleObject, CsvFileWriter>;

/** Create (or truncate) every object's CSV file in `outDir` and write its header. */
export function openWriters(outDir: string): Writers {
  const writers = {} as Writers;
  for (const object of Object.keys(SAMPLE_COLUMNS) as SampleObject[]) {
    writers[object] = CsvFileWriter.create(join(outDir, `${object}.csv`), SAMPLE_COLUMNS[object]);
  }
  return writers;
}
